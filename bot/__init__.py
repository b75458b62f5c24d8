"""Runtime package for the municipality's child-welfare assistant."""
