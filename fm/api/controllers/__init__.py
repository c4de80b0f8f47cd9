"""fm-api's pecan controllers."""
