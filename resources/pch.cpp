// The translation unit that builds the shared precompiled header (gitops_pch).
