"""Reports and data exports: the TSAG report (Word), the responses (CSV, XLSX), their
download page in the review area and the ``engage export`` command."""
