// Kernels for the kmeans models. ABI: pointers into linear memory, lengths and scalars; no allocation.
