"""Example content for a demo network and the data the search benchmark and relevance tests
build, made with the project's factories (the ``dev`` extra). The top layer: it may use every
app, and no app uses it."""
