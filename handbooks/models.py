"""Model handbooks (GZM) and municipal variants arrive with the handbooks capability."""
