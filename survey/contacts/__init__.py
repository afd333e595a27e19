"""Contacts: the people Engage may write to, imported from CSV or XLSX files, merged by
e-mail address, tagged, and erased on request with everything sent to them."""
