"""REST scaffolding shared by every service's pecan API."""
