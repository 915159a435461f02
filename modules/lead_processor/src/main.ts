import "common/restate/polyfill";
import { serve } from "./serve";

serve();
