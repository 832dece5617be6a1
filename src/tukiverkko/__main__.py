from tukiverkko.cli import main

main()
