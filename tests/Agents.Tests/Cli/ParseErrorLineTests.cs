using System.CommandLine;
using Rims.Agents.Cli;

namespace Rims.Agents.Tests.Cli;

/// <summary>
/// Command lines that do not parse, over every option of every verb: the one error line names the option and the
/// value in the project's words (never a .NET type name), suggests the nearest option or verb, and refuses an option
/// given twice.
/// </summary>
public class ParseErrorLineTests
{
    /// <summary>
    /// Every option that takes a value other than free text, in every verb, with "bogus" as its value (a switch of a
    /// verb with positional arguments leaves "bogus" to them, rightly).
    /// </summary>
    [Fact]
    public void EveryOptionOfEveryVerbNamesItselfTheValueAndTheKindNotATypeName()
    {
        var root = CliApp.Create();
        var checkedOptions = 0;
        var failures = new List<string>();
        foreach (var (path, command) in Verbs(root, []))
            foreach (var option in command.Options.Where(o => !o.Hidden && Unwrapped(o.ValueType) != typeof(string)))
            {
                if (Unwrapped(option.ValueType) == typeof(bool) && command.Arguments.Count > 0) continue;
                string[] args = [.. path, option.Name, "bogus"];
                string? line = ParseErrorLine.For(root.Parse(args));
                checkedOptions++;
                if (line is null || !line.Contains(option.Name, StringComparison.Ordinal) || !line.Contains("'bogus'", StringComparison.Ordinal)
                    || line.Contains("System.", StringComparison.Ordinal) || !line.Contains(Expected(option.ValueType), StringComparison.Ordinal))
                    failures.Add($"{string.Join(' ', args)} -> {line ?? "(parsed)"}");
            }
        Assert.True(checkedOptions > 60, $"only {checkedOptions} options checked");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>Every single-valued option of every verb, given twice with a value it accepts.</summary>
    [Fact]
    public void EverySingleValuedOptionGivenTwiceIsRefusedByName()
    {
        var root = CliApp.Create();
        var failures = new List<string>();
        foreach (var (path, command) in Verbs(root, []))
            foreach (var option in command.Options.Where(o => !o.Hidden && o.Arity.MaximumNumberOfValues == 1))
            {
                string value = Unwrapped(option.ValueType) == typeof(bool) ? "true" : "1";
                string[] args = [.. path, option.Name, value, option.Name, value];
                string? line = ParseErrorLine.For(root.Parse(args));
                if (line != $"{option.Name} is given more than once; give it once") failures.Add($"{string.Join(' ', args)} -> {line ?? "(parsed)"}");
            }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>
    /// Every option that takes a value, in every verb, typed without it before another of the verb's options: the line
    /// names the option that lacks its value, not the word left over after the other option.
    /// </summary>
    [Fact]
    public void EveryOptionMissingItsValueBeforeAnotherOptionIsNamed()
    {
        var root = CliApp.Create();
        var checkedOptions = 0;
        var failures = new List<string>();
        foreach (var (path, command) in Verbs(root, []))
            foreach (var option in command.Options.Where(o => !o.Hidden && Unwrapped(o.ValueType) != typeof(bool)))
            {
                if (command.Options.FirstOrDefault(o => !o.Hidden && o != option && Unwrapped(o.ValueType) != typeof(bool)) is not { } next) continue;
                string[] args = [.. path, option.Name, next.Name, "1"];
                string? line = ParseErrorLine.For(root.Parse(args));
                checkedOptions++;
                if (line is null || !line.StartsWith($"{option.Name} needs a value", StringComparison.Ordinal) || !line.EndsWith($"(got the option {next.Name} after it)", StringComparison.Ordinal))
                    failures.Add($"{string.Join(' ', args)} -> {line ?? "(parsed)"}");
            }
        Assert.True(checkedOptions > 60, $"only {checkedOptions} options checked");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Theory]
    [InlineData("--env needs a value: environment id (see `envs`) (got the option --core after it)", "ppo", "--env", "--core", "rims")]
    [InlineData("--name needs a value: report title and folder name (got the option --out after it)", "report", "runs/a", "--name", "--out", "x")]
    [InlineData("--core needs a value: core: lstm, gru, rims, or ff (the memoryless baseline)", "ppo", "--core")]
    [InlineData("--learning-rate takes a number (got 'true')", "ppo", "--learning-rate", "true")]
    [InlineData("--num-envs takes a whole number (got '1.5')", "compare", "--num-envs", "1.5")]
    [InlineData("--rims-units needs a value: a whole number", "ppo", "--rims-units")]
    [InlineData("unknown option --learning-rat for 'ppo'; did you mean --learning-rate?", "ppo", "--learning-rat", "1e-3")]
    [InlineData("unknown option --xyzzy for 'ppo'; see 'ppo --help'", "ppo", "--xyzzy", "1")]
    [InlineData("unknown option --foo for 'report'; see 'report --help'", "report", "runs/a", "--foo")]
    [InlineData("unknown option --ot for 'report'; did you mean --out?", "report", "runs/a", "--ot", "x")]
    [InlineData("unknown option --outt for 'paper report'; did you mean --out?", "paper", "report", "runs/a", "--outt", "x")]
    [InlineData("unknown option --foo for 'atari verify'; see 'atari verify --help'", "atari", "verify", "a.gz", "--foo")]
    [InlineData("unknown option --foo for 'minigrid verify'; see 'minigrid verify --help'", "minigrid", "verify", "--foo")]
    [InlineData("unknown verb 'compar'; did you mean compare?", "compar", "--env", "GridPickup")]
    [InlineData("unknown verb 'atri' for 'bench'; did you mean atari?", "bench", "atri")]
    [InlineData("--norm-adv is a switch: give it alone, or with true or false (got 'maybe')", "ppo", "--norm-adv", "maybe")]
    [InlineData("'bench' needs a verb: envs, rims, atari, ppo", "bench")]
    [InlineData("'compare-run' needs --config (PpoConfig JSON)", "compare-run", "--run-dir", "x")]
    public void TheLineSaysWhatIsWrongInTheProjectsWords(string expected, params string[] args) =>
        Assert.Equal(expected, ParseErrorLine.For(CliApp.Create().Parse(args)));

    [Fact]
    public void AWordStartingWithDashesAfterTheSeparatorIsAPath() =>
        Assert.Null(ParseErrorLine.For(CliApp.Create().Parse(["report", "runs/a", "--", "--odd-folder"])));

    [Fact]
    public void ACommandLineThatParsesHasNoErrorLine() =>
        Assert.Null(ParseErrorLine.For(CliApp.Create().Parse(["ppo", "--env-option", "noop-max=3", "--env-option", "frame-skip=4", "--norm-adv", "false"])));

    private static string Expected(Type type) =>
        Unwrapped(type) == typeof(bool) ? "switch" : ParseErrorLine.Kind(type);

    private static Type Unwrapped(Type type) =>
        Nullable.GetUnderlyingType(type) ?? (type.IsArray ? type.GetElementType()! : type);

    private static IEnumerable<(string[] Path, Command Command)> Verbs(Command command, string[] path)
    {
        if (command is not RootCommand) yield return (path, command);
        foreach (var sub in command.Subcommands)
            foreach (var verb in Verbs(sub, [.. path, sub.Name])) yield return verb;
    }
}
