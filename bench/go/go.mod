module gosharp/bench

go 1.19
