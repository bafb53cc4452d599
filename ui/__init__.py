"""Streamlit-only modules of the dashboard (the only place besides app.py that imports streamlit)."""
