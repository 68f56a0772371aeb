from . import render

print(render(), end="")
