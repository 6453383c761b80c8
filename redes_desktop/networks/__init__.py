"""The social networks' official APIs (issue 17): one connector interface (`connector.py`), one
HTTP client with retries and Spanish errors (`http.py`, `errors.py`), OAuth 2.0 for desktop apps
with PKCE through a loopback redirect (`oauth.py`), and a connector per network. Qt-free: the
window, the command line and the publishing queue use the same code."""
