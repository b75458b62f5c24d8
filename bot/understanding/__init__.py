"""Reading who is asking and what they need."""
