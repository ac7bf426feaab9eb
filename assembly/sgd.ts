// Kernels for the sgd models. ABI: pointers into linear memory, lengths and scalars; no allocation.
