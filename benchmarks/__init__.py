"""Speed and scale measurements of the Flock (``make bench``).

Each benchmark prints its figures beside a baseline measured in the same
run (the floor or ceiling the Flock's code adds to) and their ratio. They
run against the machine's real RabbitMQ and PostgreSQL, on a private vhost
and throw-away databases. Nothing here asserts a time.
"""
