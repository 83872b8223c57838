"""`policywatch serve`: the web app over the same store and policywatch.toml as the commands.

auth.py (who may write: a password session or an API token; CSRF), data.py (what each page shows, as plain
values, for HTML and JSON alike), app.py (routes, security headers, the JSON API with its OpenAPI schema)."""
