"""One module per input format; each registers itself with ``@input_format``."""
