"""`python -m policywatch.monitor` runs the policywatch command."""
from .command.main import main

main()
