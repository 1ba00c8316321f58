"""Mensenwerk: self-hosted HR-AI platform. AI for HR, not instead of HR."""

__version__ = "0.1.0"
