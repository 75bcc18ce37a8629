"""Generated numeric kernels (do not edit; `ephkit codegen --write`)."""
