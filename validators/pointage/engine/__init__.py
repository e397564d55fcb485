"""Running a check: snapshot -> tables -> rules -> report, one file or a batch."""
