namespace ChatOpsReply.Tests.Support;

/// <summary>Tests that must have the process to themselves: xUnit runs this collection after all the others, one test at a time.</summary>
[CollectionDefinition(nameof(AloneInTheProcess), DisableParallelization = true)]
public sealed class AloneInTheProcess;
