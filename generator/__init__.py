"""policygen: GDPR privacy & cookie policies in Polish, English and German from an answers file."""

__version__ = "0.1.0"
