"""check: the network stage, Evidence per reference from cached, polite HTTP."""
