// The Billing module; see DESIGN.md for what it holds.
