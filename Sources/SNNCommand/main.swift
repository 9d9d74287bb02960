import Foundation

// The command registry: add a command by appending one line.
let commands: [any Command] = [
    SampleCommand(),
    InfoCommand(),
    DemoCommand(),
    GraphCommand(),
    EigsCommand(),
    TrainCommand(),
    EmbedCommand(),
    EvalCommand(),
    ExperimentCommand(),
    LandscapeCommand(),
]

exit(Tool(commands: commands).run(Array(CommandLine.arguments.dropFirst())))
