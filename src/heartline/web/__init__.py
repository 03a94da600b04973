"""The local web app (``heartline serve``): paste or upload a story, see its report."""
