"""Plain-Python engines: no Django imports, plain data in, dataclasses out."""
