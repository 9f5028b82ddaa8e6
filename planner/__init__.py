"""The planner: domain model, program catalog, plan generation, storage, export and the CLI."""
