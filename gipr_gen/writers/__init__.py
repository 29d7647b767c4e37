"""Writers: each renders the report model to one output format (``render(report, ...) -> bytes``)."""
