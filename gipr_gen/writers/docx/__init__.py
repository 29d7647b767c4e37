"""The Word writer (docxtpl): its template vocabulary, the tables it draws, the reference template, the
sandbox templates are filled in and ``template check``."""

from .writer import render

__all__ = ["render"]
