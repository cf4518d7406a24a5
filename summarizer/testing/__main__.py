from summarizer.testing.server import main

main()
