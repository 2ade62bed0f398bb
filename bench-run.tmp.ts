import { printFigures } from './test/bench/figure-table';
import { intakeFigures } from './test/bench/webhook-intake-bench';
printFigures('Bookings: intake', await intakeFigures());
