"""The Buzón section (issue 17): the inbox of the connected accounts."""
