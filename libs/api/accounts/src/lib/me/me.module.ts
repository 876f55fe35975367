import { Module } from '@nestjs/common';
import { MeController } from './me.controller';
import { MeService } from './me.service';

/** `/api/accounts/me`: the own account. Needs the (global) auth module. */
@Module({
  controllers: [MeController],
  providers: [MeService],
})
export class MeModule {}
