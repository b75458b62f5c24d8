"""Reading who is asking and what they need (issue 15)."""
