"""双随机、一公开: inspection draws that anyone can re-run (plan, seed, sampler, registers, transcript, verify)."""
