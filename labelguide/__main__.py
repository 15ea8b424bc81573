from labelguide.cli import main

main()
