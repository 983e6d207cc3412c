"""Pure queries and charts over the store's tables: no Streamlit here, shared by the dashboard and the exports."""
