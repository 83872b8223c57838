"""`python -m policywatch.monitor` runs the policywatch command."""
from .cli import main

main()
