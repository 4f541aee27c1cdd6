"""`akq report`: the state of the catalog per department."""
