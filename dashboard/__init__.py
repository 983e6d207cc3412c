"""The Streamlit dashboard's plain functions: data loading, filters, queries, charts."""
