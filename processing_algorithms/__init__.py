"""OPTIMA Processing algorithms: one module per algorithm, thin over ``optima_plugin.core``."""
