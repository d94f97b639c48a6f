"""Recommendation letters: what goes in them, and the PDF they are printed as."""
