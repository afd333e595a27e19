"""Theme analysis inside the app: runs stored in the database, the committee's corrections,
and what the reports read (findings)."""
