"""Services: the decisions of the program (validations, permissions, procedures), Qt-free."""
