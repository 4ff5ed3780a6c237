"""Time rules: when tickets fall due; the reminder and digest sweeps will join here."""
