"""E-mail: message templates in the six UN languages, planning who gets what, and sending
over SMTP at most once per person and message, from a background job."""
