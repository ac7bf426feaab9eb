// Kernels for the linear models. ABI: pointers into linear memory, lengths and scalars; no allocation.
