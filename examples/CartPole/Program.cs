using CartPole;
using Rims.Agents.Evaluation;
using Rims.Agents.Hosting;
using Rims.Agents.Ppo;
using Rims.Envs;

// Trains PPO on CartPole-v1 through Rims' training API and evaluates the final policy. Options (all optional):
//   --core ff|lstm|gru|rims   --total-steps N   --seed N   --run-dir DIR
// Prints the agent step at which the mean return of the last 100 episodes first reached 475 (gymnasium's threshold).
var (core, totalSteps, seed, runDir) = ("ff", 200_000L, 1, (string?)null);
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--core": core = args[i + 1]; break;
        case "--total-steps": totalSteps = long.Parse(args[i + 1]); break;
        case "--seed": seed = int.Parse(args[i + 1]); break;
        case "--run-dir": runDir = args[i + 1]; break;
        default: Console.Error.WriteLine($"error: unknown option {args[i]}; use --core, --total-steps, --seed, --run-dir"); return 2;
    }
}
if (args.Length % 2 != 0) { Console.Error.WriteLine($"error: {args[^1]} needs a value"); return 2; }
var process = TrainerProcess.Prepare();
if (process.TorchProblem is { } problem) { Console.Error.WriteLine($"error: {problem}"); return 1; }

long? solvedAt = null;
// README:begin
EnvRegistry.Default.Register(CartPolePlugin.Registration);            // or EnvRegistry.Default.Register(id, description, factory)
var config = new PpoConfig
{
    Env = "CartPole-v1", Core = core, Seed = seed, TotalSteps = totalSteps, NumEnvs = 8, NumSteps = 32, NumMinibatches = 1,
    UpdateEpochs = 20, LearningRate = 1e-3, Gamma = 0.98f, GaeLambda = 0.8f, ClipCoef = 0.2f, EntCoef = 0, Features = 64, Hidden = 64,
};
var progress = new InlineProgress<IterationProgress>(p =>
{
    if (p.Episodes >= 100 && p.RecentMeanReturn >= 475) solvedAt ??= p.GlobalStep;
    if (p.Iteration % 10 == 0) Console.WriteLine($"step {p.GlobalStep,8}: mean return {p.RecentMeanReturn,6:F1} ({p.Episodes} episodes)");
});
var result = PpoRun.Train(config, new TrainingOptions { RunDirectory = runDir, Progress = progress });
var evaluation = EvaluationSession.Evaluate(result.FinalCheckpoint, new EvalOptions { Episodes = 20 });
// README:end

Console.WriteLine($"run folder: {result.RunDirectory}");
Console.WriteLine($"trained {result.GlobalStep} steps; mean return of the last 100 episodes {result.FinalReturnMean:F1}");
Console.WriteLine(solvedAt is { } step ? $"mean return of the last 100 episodes reached 475 at step {step}" : "mean return of the last 100 episodes never reached 475");
Console.WriteLine($"evaluation ({evaluation.Result.Episodes} episodes): mean return {evaluation.Result.Mean:F1}, written to {evaluation.File}");
return 0;
