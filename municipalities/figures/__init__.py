"""GZM in figures: the network's initiatives, contributions and calls, counted and charted
(docs/network.md)."""
