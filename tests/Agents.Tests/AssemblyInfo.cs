// Tests seed torch's global random generator before building models; run them one at a time so no other
// test draws from that generator between the seed and the draws it is meant to fix.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
